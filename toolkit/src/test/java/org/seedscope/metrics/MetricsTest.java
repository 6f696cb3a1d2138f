package org.seedscope.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class MetricsTest {

    @Test
    void namesAreStableAndInCanonicalOrder() {
        assertEquals(List.of("test_acc", "retain_acc", "forget_acc", "retain_train_acc", "forget_train_acc", "mia",
                "mia_loss", "zrf", "d_test_acc", "d_retain_acc", "d_forget_acc", "d_retain_train_acc",
                "d_forget_train_acc", "js_forget", "js_test", "act_dist", "l2_dist"),
                Metrics.names());
        List<String> twoLayers = Metrics.names(2);
        int l2 = twoLayers.indexOf("l2_dist");
        assertEquals(List.of("l2_dist", "l2_dist_layer1", "l2_dist_layer2"), twoLayers.subList(l2, twoLayers.size()));
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
    void rangesFollowTheDefinitions() {
        org.junit.jupiter.api.Assertions.assertArrayEquals(new double[] {0, 1}, Metrics.range("forget_acc"));
        org.junit.jupiter.api.Assertions.assertArrayEquals(new double[] {0, 1}, Metrics.range("mia_loss"));
        org.junit.jupiter.api.Assertions.assertArrayEquals(new double[] {-1, 1}, Metrics.range("d_test_acc"));
        // JS divergence in nats is at most ln 2 (two disjoint distributions)
        org.junit.jupiter.api.Assertions.assertArrayEquals(new double[] {0, Math.log(2)}, Metrics.range("js_forget"));
        org.junit.jupiter.api.Assertions.assertArrayEquals(new double[] {0, Double.POSITIVE_INFINITY},
                Metrics.range("l2_dist_layer2"));
        assertThrows(IllegalArgumentException.class, () -> Metrics.range("runtime_s"));
    }
}
