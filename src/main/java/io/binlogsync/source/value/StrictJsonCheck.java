package io.binlogsync.source.value;

/**
 * A quick check that text is exactly one JSON value by RFC 8259's grammar, for {@link JsonColumnText}: creating a
 * Jackson parser cost more than checking a typical JSON column. It accepts only text that Jackson's default parser
 * accepts too: strict grammar, well-formed UTF-8 (for bytes), nesting, names and numbers far inside Jackson's
 * default limits, no byte-order mark, nothing before or after the value but JSON whitespace. Anything else is not
 * accepted here and goes to Jackson, which judges it (empty text included) and explains a refusal, so what is
 * refused stays what Jackson refuses.
 */
final class StrictJsonCheck {
    /** Jackson's defaults: 1,000 levels, names of 50,000 chars, numbers of 1,000 chars. */
    private static final int MAX_DEPTH = 62;
    private static final int MAX_NAME_UNITS = 1_000;
    private static final int MAX_STRING_UNITS = 1_000_000;
    private static final int MAX_NUMBER_UNITS = 100;

    /** The text's code units: bytes of UTF-8 (0-255) or chars (0-65535). */
    private abstract static class Units {
        final int length;

        Units(int length) {
            this.length = length;
        }

        abstract int at(int i);

        /** The index after the non-ASCII character starting at {@code i} inside a string, or -1 if malformed. */
        abstract int afterNonAscii(int i);
    }

    private static final class Utf8 extends Units {
        private final byte[] bytes;

        Utf8(byte[] bytes) {
            super(bytes.length);
            this.bytes = bytes;
        }

        @Override
        int at(int i) {
            return bytes[i] & 0xFF;
        }

        @Override
        int afterNonAscii(int i) {
            int lead = at(i);
            int n;
            int min = 0x80;
            int max = 0xBF;
            if (lead >= 0xC2 && lead <= 0xDF) {
                n = 1;
            } else if (lead >= 0xE0 && lead <= 0xEF) {
                n = 2;
                if (lead == 0xE0) {
                    min = 0xA0; // no overlong forms
                } else if (lead == 0xED) {
                    max = 0x9F; // no surrogates
                }
            } else if (lead >= 0xF0 && lead <= 0xF4) {
                n = 3;
                if (lead == 0xF0) {
                    min = 0x90;
                } else if (lead == 0xF4) {
                    max = 0x8F; // nothing above U+10FFFF
                }
            } else {
                return -1;
            }
            if (i + n >= length) {
                return -1;
            }
            int second = at(i + 1);
            if (second < min || second > max) {
                return -1;
            }
            for (int k = 2; k <= n; k++) {
                if ((at(i + k) & 0xC0) != 0x80) {
                    return -1;
                }
            }
            return i + n + 1;
        }
    }

    private static final class Chars extends Units {
        private final String text;

        Chars(String text) {
            super(text.length());
            this.text = text;
        }

        @Override
        int at(int i) {
            return text.charAt(i);
        }

        @Override
        int afterNonAscii(int i) {
            return i + 1;
        }
    }

    private StrictJsonCheck() {
    }

    /** True when the UTF-8 bytes are one JSON value that Jackson accepts as well; false means "ask Jackson". */
    static boolean accepts(byte[] utf8) {
        return accepts(new Utf8(utf8));
    }

    /** The same for text. */
    static boolean accepts(String text) {
        return accepts(new Chars(text));
    }

    private static boolean accepts(Units text) {
        long objects = 0; // one bit per open level: 1 object, 0 array
        int depth = 0;
        int i = whitespace(text, 0);
        boolean expectKey = false;
        while (true) {
            // a value (or, in an object, a key and its value) starts at i
            if (expectKey) {
                i = string(text, i, MAX_NAME_UNITS);
                if (i < 0) {
                    return false;
                }
                i = whitespace(text, i);
                if (i >= text.length || text.at(i) != ':') {
                    return false;
                }
                i = whitespace(text, i + 1);
                expectKey = false;
            }
            if (i >= text.length) {
                return false;
            }
            int c = text.at(i);
            if (c == '{' || c == '[') {
                if (depth == MAX_DEPTH) {
                    return false;
                }
                boolean object = c == '{';
                objects = (objects << 1) | (object ? 1 : 0);
                depth++;
                i = whitespace(text, i + 1);
                if (i < text.length && text.at(i) == (object ? '}' : ']')) {
                    objects >>>= 1;
                    depth--;
                    i++;
                } else {
                    expectKey = object;
                    continue;
                }
            } else if (c == '"') {
                i = string(text, i, MAX_STRING_UNITS);
            } else if (c == '-' || (c >= '0' && c <= '9')) {
                i = number(text, i);
            } else if (c == 't') {
                i = literal(text, i, "true");
            } else if (c == 'f') {
                i = literal(text, i, "false");
            } else if (c == 'n') {
                i = literal(text, i, "null");
            } else {
                return false;
            }
            if (i < 0) {
                return false;
            }
            // after a value: close levels, or a comma leading to the next value
            while (true) {
                i = whitespace(text, i);
                if (depth == 0) {
                    return i == text.length;
                }
                if (i >= text.length) {
                    return false;
                }
                boolean inObject = (objects & 1) == 1;
                int d = text.at(i);
                if (d == ',') {
                    i = whitespace(text, i + 1);
                    expectKey = inObject;
                    break;
                }
                if (d != (inObject ? '}' : ']')) {
                    return false;
                }
                objects >>>= 1;
                depth--;
                i++;
            }
        }
    }

    private static int whitespace(Units text, int i) {
        while (i < text.length) {
            int c = text.at(i);
            if (c != ' ' && c != '\n' && c != '\r' && c != '\t') {
                break;
            }
            i++;
        }
        return i;
    }

    /** The index after the string that starts at {@code i} (at its quote), or -1. */
    private static int string(Units text, int i, int maxUnits) {
        if (i >= text.length || text.at(i) != '"') {
            return -1;
        }
        int start = i;
        i++;
        while (i < text.length) {
            if (i - start > maxUnits) {
                return -1;
            }
            int c = text.at(i);
            if (c == '"') {
                return i + 1;
            }
            if (c == '\\') {
                if (i + 1 >= text.length) {
                    return -1;
                }
                int escaped = text.at(i + 1);
                if (escaped == 'u') {
                    if (i + 5 >= text.length) {
                        return -1;
                    }
                    for (int k = i + 2; k < i + 6; k++) {
                        if (!isHex(text.at(k))) {
                            return -1;
                        }
                    }
                    i += 6;
                } else if (escaped == '"' || escaped == '\\' || escaped == '/' || escaped == 'b' || escaped == 'f'
                        || escaped == 'n' || escaped == 'r' || escaped == 't') {
                    i += 2;
                } else {
                    return -1;
                }
            } else if (c < 0x20) {
                return -1;
            } else if (c < 0x80) {
                i++;
            } else {
                i = text.afterNonAscii(i);
                if (i < 0) {
                    return -1;
                }
            }
        }
        return -1;
    }

    private static boolean isHex(int c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    /** -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?, ending where a number must: the index after it, or -1. */
    private static int number(Units text, int i) {
        int start = i;
        if (text.at(i) == '-') {
            i++;
        }
        if (i >= text.length) {
            return -1;
        }
        if (text.at(i) == '0') {
            i++;
        } else {
            i = digits(text, i);
            if (i < 0) {
                return -1;
            }
        }
        if (i < text.length && text.at(i) == '.') {
            i = digits(text, i + 1);
            if (i < 0) {
                return -1;
            }
        }
        if (i < text.length && (text.at(i) == 'e' || text.at(i) == 'E')) {
            i++;
            if (i < text.length && (text.at(i) == '+' || text.at(i) == '-')) {
                i++;
            }
            i = digits(text, i);
            if (i < 0) {
                return -1;
            }
        }
        return i - start > MAX_NUMBER_UNITS ? -1 : i;
    }

    /** One or more digits from {@code i}: the index after them, or -1. */
    private static int digits(Units text, int i) {
        int start = i;
        while (i < text.length && text.at(i) >= '0' && text.at(i) <= '9') {
            i++;
        }
        return i == start ? -1 : i;
    }

    private static int literal(Units text, int i, String word) {
        if (i + word.length() > text.length) {
            return -1;
        }
        for (int k = 0; k < word.length(); k++) {
            if (text.at(i + k) != word.charAt(k)) {
                return -1;
            }
        }
        return i + word.length();
    }
}
