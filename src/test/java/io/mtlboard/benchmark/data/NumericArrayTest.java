package io.mtlboard.benchmark.data;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NumericArrayTest {

    @Test
    void shouldReadUnsignedBytesAsTheirValues() {
        byte[] bytes = new byte[256];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) i;
        }
        NumericArray a = NumericArray.ofUint8(new int[] {16, 16}, bytes);
        float[] row = a.toFloats(16, 32);
        for (int i = 0; i < row.length; i++) {
            assertThat(row[i]).isEqualTo(a.getFloat(16 + i)).isEqualTo(16f + i);
        }
        assertThat(a.toFloats()[255]).isEqualTo(255f);
    }
}
