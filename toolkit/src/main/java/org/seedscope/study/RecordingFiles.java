package org.seedscope.study;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.seedscope.files.AtomicFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import org.seedscope.unlearn.AmnesiacRecording;

/** Binary files of Amnesiac recordings in the model cache, written atomically ({@link AtomicFiles}). */
final class RecordingFiles {
    private static final int MAGIC = 0x53534152; // "SSAR"

    private RecordingFiles() {}

    static void write(AmnesiacRecording r, Path file) {
        AtomicFiles.write(file, stream -> {
            DataOutputStream out = new DataOutputStream(new BufferedOutputStream(stream));
            out.writeInt(MAGIC);
            out.writeInt(r.trainingRows());
            out.writeInt(r.recordedSteps());
            out.writeInt(r.totalSteps());
            out.writeUTF(r.modelSha256());
            int[] rows = r.forgetRows();
            out.writeInt(rows.length);
            for (int row : rows) {
                out.writeInt(row);
            }
            double[] sum = r.summedUpdate();
            out.writeInt(sum.length);
            for (double v : sum) {
                out.writeDouble(v);
            }
            out.flush();
        });
    }

    static AmnesiacRecording read(Path file) {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
            if (in.readInt() != MAGIC) {
                throw new IllegalArgumentException(file + " is not an Amnesiac recording (wrong magic number)");
            }
            int trainingRows = in.readInt();
            int recorded = in.readInt();
            int total = in.readInt();
            String sha = in.readUTF();
            int[] rows = new int[in.readInt()];
            for (int i = 0; i < rows.length; i++) {
                rows[i] = in.readInt();
            }
            double[] sum = new double[in.readInt()];
            for (int i = 0; i < sum.length; i++) {
                sum[i] = in.readDouble();
            }
            return new AmnesiacRecording(sum, rows, trainingRows, recorded, total, sha);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read Amnesiac recording " + file, e);
        }
    }
}
