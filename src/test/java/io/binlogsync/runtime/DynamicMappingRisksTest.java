package io.binlogsync.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;

import org.junit.jupiter.api.Test;

/** Which columns check warns about when dynamic mapping would type their field. */
class DynamicMappingRisksTest {

    @Test
    void unsignedBigintWithoutMappingNamesLongAndTheFix() {
        String risk = DynamicMappingRisks.of("views", "bigint", true, Optional.empty()).orElseThrow();
        assertEquals("field views (BIGINT UNSIGNED) has no mapping; dynamic mapping makes it long: values above 2^63"
                + " do not fit long; map it as unsigned_long (or keyword), e.g. index-mappings { properties { views"
                + " { type = unsigned_long } } }", risk);
    }

    @Test
    void doubleWithoutMappingBecomesFloat() {
        String risk = DynamicMappingRisks.of("ratio", "double", false, Optional.empty()).orElseThrow();
        assertTrue(risk.contains("dynamic mapping makes it float") && risk.contains("type = double"), risk);
    }

    @Test
    void decimalAlreadyMappedAsFloatIsWarned() {
        String risk = DynamicMappingRisks.of("price", "decimal", false, Optional.of("float")).orElseThrow();
        assertTrue(risk.contains("is mapped as float") && risk.contains("scaled_float"), risk);
    }

    @Test
    void fittingTypesAndHarmlessColumnsAreQuiet() {
        assertEquals(Optional.empty(), DynamicMappingRisks.of("views", "bigint", true, Optional.of("unsigned_long")));
        assertEquals(Optional.empty(), DynamicMappingRisks.of("views", "bigint", true, Optional.of("keyword")));
        assertEquals(Optional.empty(), DynamicMappingRisks.of("ratio", "double", false, Optional.of("double")));
        assertEquals(Optional.empty(), DynamicMappingRisks.of("id", "bigint", false, Optional.empty()));
        assertEquals(Optional.empty(), DynamicMappingRisks.of("name", "varchar", false, Optional.empty()));
    }
}
