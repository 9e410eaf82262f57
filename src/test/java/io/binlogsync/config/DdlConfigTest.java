package io.binlogsync.config;

import static io.binlogsync.config.ConfigTestSupport.MINIMAL;
import static io.binlogsync.config.ConfigTestSupport.ORIGIN;
import static io.binlogsync.config.ConfigTestSupport.assertOnlyProblem;
import static io.binlogsync.config.ConfigTestSupport.assertProblem;
import static io.binlogsync.config.ConfigTestSupport.parse;
import static io.binlogsync.config.ConfigTestSupport.problems;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.binlogsync.config.DdlConfig.DropPolicy;
import io.binlogsync.config.DdlConfig.TruncatePolicy;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The {@code ddl} section: what a TRUNCATE and a DROP TABLE of a mapped table do. */
class DdlConfigTest {

    @Test
    void defaultsDeleteTheDocumentsOnTruncateAndStopTheMappingOnDrop() {
        assertEquals(new DdlConfig(TruncatePolicy.DELETE_DOCUMENTS, DropPolicy.STOP_MAPPING), parse(MINIMAL).ddl());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "delete-documents      | DELETE_DOCUMENTS",
            "ignore                | IGNORE",
            "stop                  | STOP",
            "Delete-Documents      | DELETE_DOCUMENTS",
            "'\" IGNORE \"'        | IGNORE",
    })
    void readsEveryTruncatePolicyIgnoringCase(String value, TruncatePolicy policy) {
        DdlConfig ddl = parse(MINIMAL + "ddl.on-truncate = " + value + "\n").ddl();

        assertEquals(new DdlConfig(policy, DropPolicy.STOP_MAPPING), ddl);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "stop-mapping          | STOP_MAPPING",
            "stop                  | STOP",
            "STOP-MAPPING          | STOP_MAPPING",
    })
    void readsEveryDropPolicyIgnoringCase(String value, DropPolicy policy) {
        DdlConfig ddl = parse(MINIMAL + "ddl { on-drop = " + value + " }\n").ddl();

        assertEquals(new DdlConfig(TruncatePolicy.DELETE_DOCUMENTS, policy), ddl);
    }

    @Test
    void configValuesAreTheSpellingsOfTheFile() {
        assertEquals(List.of("delete-documents", "ignore", "stop"),
                List.of(TruncatePolicy.values()).stream().map(TruncatePolicy::configValue).toList());
        assertEquals(List.of("stop-mapping", "stop"),
                List.of(DropPolicy.values()).stream().map(DropPolicy::configValue).toList());
    }

    // --- problems ----------------------------------------------------------------------------------------------

    @Test
    void anUnknownTruncatePolicyListsTheValidOnes() {
        ConfigProblem problem = assertOnlyProblem("ddl.on-truncate = delete\n", "ddl.on-truncate",
                "`delete` is not a policy for TRUNCATE", "write one of delete-documents, ignore, stop");
        assertEquals(ORIGIN + ":4", problem.origin());
    }

    @Test
    void anUnknownDropPolicyListsTheValidOnes() {
        assertOnlyProblem("ddl { on-drop = delete_documents }\n", "ddl.on-drop",
                "`delete_documents` is not a policy for DROP TABLE", "write one of stop-mapping, stop");
    }

    @Test
    void bothUnknownPoliciesAreReportedAtOnce() {
        List<ConfigProblem> problems = problems(MINIMAL + "ddl { on-truncate = drop, on-drop = truncate }\n");

        assertProblem(problems, "ddl.on-truncate", "`drop` is not a policy for TRUNCATE");
        assertProblem(problems, "ddl.on-drop", "`truncate` is not a policy for DROP TABLE");
        assertEquals(2, problems.size(), ConfigTestSupport.describe(problems));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "ddl.on-truncat = stop          | ddl.on-truncat  | did you mean `on-truncate`?",
            "ddl.truncate = stop            | ddl.truncate    | did you mean `on-truncate`?",
            "ddl.onDrop = stop              | ddl.onDrop      | did you mean `on-drop`?",
            "ddl.on-alter = stop            | ddl.on-alter    | the keys allowed here are on-truncate, on-drop",
            "ddls.on-drop = stop            | ddls            | did you mean `ddl`?",
    })
    void unknownKeysAreReportedWithTheKeyTheyResemble(String override, String path, String hint) {
        assertOnlyProblem(override + "\n", path, "unknown key", hint);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "ddl = stop                     | ddl              | expected an object",
            "ddl.on-drop = [stop]           | ddl.on-drop      | expected a string",
            "ddl.on-truncate = null         | ddl.on-truncate  | has no value",
    })
    void wrongTypesAreReported(String override, String path, String complaint) {
        assertOnlyProblem(override + "\n", path, complaint);
    }
}
