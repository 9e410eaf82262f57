package io.binlogsync.config;

import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Finds the known key an unknown one was probably meant to be: {@code max-action} → {@code max-actions}. */
final class KeySuggestion {

    private KeySuggestion() {
    }

    static Optional<String> closest(String unknown, Collection<String> known) {
        return byEditDistance(unknown, known).or(() -> byContainment(unknown, known));
    }

    private static Optional<String> byEditDistance(String unknown, Collection<String> known) {
        String target = normalized(unknown);
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : known) {
            int distance = distance(target, normalized(candidate));
            if (distance < bestDistance) {
                best = candidate;
                bestDistance = distance;
            }
        }
        return best != null && bestDistance <= tolerance(target.length()) ? Optional.of(best) : Optional.empty();
    }

    /** A shortened key: {@code heartbeat} for {@code heartbeat-interval}, when only one known key contains it. */
    private static Optional<String> byContainment(String unknown, Collection<String> known) {
        String target = normalized(unknown);
        if (target.length() < 5) {
            return Optional.empty();
        }
        List<String> containing = known.stream().filter(candidate -> normalized(candidate).contains(target)).toList();
        return containing.size() == 1 ? Optional.of(containing.get(0)) : Optional.empty();
    }

    /** Case and separators do not count: maxActions, max_actions and MAX-ACTIONS all mean max-actions. */
    private static String normalized(String key) {
        return key.toLowerCase(Locale.ROOT).replace("-", "").replace("_", "");
    }

    private static int tolerance(int length) {
        return length <= 3 ? 1 : length <= 7 ? 2 : 3;
    }

    /** Edit distance counting a swap of two neighbours as one edit (optimal string alignment). */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
