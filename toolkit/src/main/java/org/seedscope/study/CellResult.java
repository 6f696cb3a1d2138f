package org.seedscope.study;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.seedscope.results.ResultRow;

/**
 * What one cell produces: its row, and — when the study stores outputs for the privacy audit and
 * the row is ok — the per-example outputs of the method's model and of the cell's Retrain. The
 * runner writes the outputs before the row, so a row in the journal always has its outputs.
 * {@link #toBytes} / {@link #fromBytes} carry a result between JVMs (cluster executors).
 *
 * @param row the row
 * @param method the method model's outputs, or null
 * @param retrain the Retrain's outputs, or null
 */
public record CellResult(ResultRow row, ExampleOutputs method, ExampleOutputs retrain) {

    /** Checks that outputs come in pairs. */
    public CellResult {
        java.util.Objects.requireNonNull(row, "row");
        if ((method == null) != (retrain == null)) {
            throw new IllegalArgumentException("a cell stores the outputs of both its models or of neither");
        }
    }

    /** @return the result as bytes: the row's JSON and both outputs */
    public byte[] toBytes() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            byte[] json = row.toJson().getBytes(StandardCharsets.UTF_8);
            out.writeInt(json.length);
            out.write(json);
            out.writeBoolean(method != null);
            if (method != null) {
                write(out, method);
                write(out, retrain);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode the result of cell " + row.key(), e);
        }
        return bytes.toByteArray();
    }

    /**
     * @param bytes what {@link #toBytes} wrote
     * @return the result
     */
    public static CellResult fromBytes(byte[] bytes) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            byte[] json = new byte[in.readInt()];
            in.readFully(json);
            ResultRow row = ResultRow.fromJson(new String(json, StandardCharsets.UTF_8));
            if (!in.readBoolean()) {
                return new CellResult(row, null, null);
            }
            return new CellResult(row, read(in), read(in));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot decode a cell result", e);
        }
    }

    private static void write(DataOutputStream out, ExampleOutputs o) throws IOException {
        writeGroup(out, o.forgetIds(), o.forget());
        writeGroup(out, o.testIds(), o.test());
    }

    private static void writeGroup(DataOutputStream out, int[] ids, float[] values) throws IOException {
        out.writeInt(ids.length);
        for (int i = 0; i < ids.length; i++) {
            out.writeInt(ids[i]);
            out.writeFloat(values[i]);
        }
    }

    private static ExampleOutputs read(DataInputStream in) throws IOException {
        int n = in.readInt();
        int[] forgetIds = new int[n];
        float[] forget = new float[n];
        for (int i = 0; i < n; i++) {
            forgetIds[i] = in.readInt();
            forget[i] = in.readFloat();
        }
        int m = in.readInt();
        int[] testIds = new int[m];
        float[] test = new float[m];
        for (int i = 0; i < m; i++) {
            testIds[i] = in.readInt();
            test[i] = in.readFloat();
        }
        return new ExampleOutputs(forgetIds, forget, testIds, test);
    }
}
