package io.mtlboard.support;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;

/**
 * Writes a number as JSON, and NaN or an infinity as {@code null}: JSON has no such numbers, and
 * Jackson would otherwise write them as the strings "NaN" and "Infinity", which a client reading a
 * number does not expect. For values that are undefined by construction (a late rise with too few
 * epochs, a seed std with one run).
 */
public final class FiniteOrNull extends StdSerializer<Double> {

    public FiniteOrNull() {
        super(Double.class);
    }

    @Override
    public void serialize(Double value, JsonGenerator out, SerializerProvider provider)
            throws IOException {
        if (value == null || !Double.isFinite(value)) {
            out.writeNull();
        } else {
            out.writeNumber(value);
        }
    }
}
