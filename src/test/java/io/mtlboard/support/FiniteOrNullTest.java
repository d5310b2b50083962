package io.mtlboard.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import org.junit.jupiter.api.Test;

class FiniteOrNullTest {

    record Value(@JsonSerialize(using = FiniteOrNull.class) double x) {}

    @Test
    void shouldWriteUndefinedNumbersAsNullAndOthersAsNumbers() throws Exception {
        ObjectMapper json = new ObjectMapper();
        assertThat(json.writeValueAsString(new Value(Double.NaN))).isEqualTo("{\"x\":null}");
        assertThat(json.writeValueAsString(new Value(Double.POSITIVE_INFINITY)))
                .isEqualTo("{\"x\":null}");
        assertThat(json.writeValueAsString(new Value(Double.NEGATIVE_INFINITY)))
                .isEqualTo("{\"x\":null}");
        assertThat(json.writeValueAsString(new Value(0.0015875327)))
                .isEqualTo("{\"x\":0.0015875327}");
        assertThat(json.writeValueAsString(new Value(-0.0))).isEqualTo("{\"x\":-0.0}");
    }
}
