package org.seedscope.spark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Spark's event log (what the history server shows) as the tests read it: the settings that make
 * it one plain file per application, and its events by kind.
 */
final class EventLog {
    private EventLog() {}

    /**
     * @param scheduler a scheduler
     * @param dir where its applications' event logs go
     * @return a copy writing uncompressed, unrolled event logs there
     */
    static SparkScheduler into(SparkScheduler scheduler, Path dir) {
        return scheduler.withConf("spark.eventLog.enabled", "true").withConf("spark.eventLog.dir", dir.toUri().toString())
                .withConf("spark.eventLog.compress", "false").withConf("spark.eventLog.rolling.enabled", "false");
    }

    /**
     * @param dir an event log folder
     * @param kind an event name, e.g. {@code SparkListenerJobStart}
     * @return the events of that kind, in the order they were logged (files by name)
     */
    static List<JsonNode> events(Path dir, String kind) {
        List<JsonNode> out = new ArrayList<>();
        ObjectMapper json = new ObjectMapper();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                for (String line : Files.readAllLines(f)) {
                    JsonNode e = json.readTree(line);
                    if (e.path("Event").asText().equals(kind)) {
                        out.add(e);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** @return the description of every job, in order */
    static List<String> jobDescriptions(Path dir) {
        return events(dir, "SparkListenerJobStart").stream()
                .map(e -> e.path("Properties").path("spark.job.description").asText()).toList();
    }

    /** @return the description of every failed task attempt, in order */
    static List<String> failedTasks(Path dir) {
        return events(dir, "SparkListenerTaskEnd").stream().map(e -> e.path("Task End Reason"))
                .filter(r -> !r.path("Reason").asText().equals("Success")).map(r -> r.path("Description").asText())
                .toList();
    }
}
