package org.seedscope.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MetricsTest {

    @Test
    void namesAreStableAndInCanonicalOrder() {
        assertEquals(List.of("test_acc", "retain_acc", "forget_acc", "retain_train_acc", "forget_train_acc", "mia",
                "mia_loss", "zrf", "d_test_acc", "d_retain_acc", "d_forget_acc", "d_retain_train_acc",
                "d_forget_train_acc", "js_forget", "js_test", "act_dist", "l2_dist", "run_time_s", "speed_up"),
                Metrics.names());
        List<String> twoLayers = Metrics.names(2);
        int l2 = twoLayers.indexOf("l2_dist");
        assertEquals(List.of("l2_dist", "l2_dist_layer1", "l2_dist_layer2", "run_time_s"),
                twoLayers.subList(l2, l2 + 4));
    }

    @Test
    void unknownNamesAreRejectedWithTheValidOnesListed() {
        assertTrue(Metrics.isKnown("l2_dist_layer3"));
        assertFalse(Metrics.isKnown("l2_dist_layer0"));
        assertFalse(Metrics.isKnown("l2_dist_layer01"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Metrics.requireKnown(List.of("forget_acc", "forget_accuracy")));
        assertTrue(e.getMessage().contains("'forget_accuracy'") && e.getMessage().contains("forget_acc,")
                && e.getMessage().contains("l2_dist_layer<k>"), e.getMessage());
        assertTrue(Metrics.describe("l2_dist_layer2").contains("layer 2"));
        assertThrows(IllegalArgumentException.class, () -> Metrics.describe("accuracy"));
    }

    @Test
    void timingIsSecondsAndRetrainOverMethod() {
        // hand computation: 10 s / 2.5 s = 4
        assertEquals(Map.of("run_time_s", 2.5, "speed_up", 4.0),
                Metrics.timing(Duration.ofMillis(2500), Duration.ofSeconds(10)));
        assertEquals(3.000000001, Metrics.seconds(Duration.ofSeconds(3).plusNanos(1)), 1e-15);
        assertThrows(IllegalArgumentException.class, () -> Metrics.speedUp(Duration.ofSeconds(1), Duration.ZERO));
    }
}
