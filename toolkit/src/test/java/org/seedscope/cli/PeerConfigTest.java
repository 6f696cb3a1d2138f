package org.seedscope.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/**
 * The PyTorch peer's configuration follows the CPU (an AVX-512 core type only where AVX-512 exists:
 * elsewhere OpenBLAS's SkylakeX kernels die of an illegal instruction), and a peer that ran on
 * reference BLAS, a generic core or unbounded threads is refused, so no ratio flatters SeedScope.
 */
class PeerConfigTest {
    private static final String INTEL_AVX512 = "processor\t: 0\nvendor_id\t: GenuineIntel\n"
            + "flags\t\t: fpu sse sse2 pni ssse3 avx avx2 fma avx512f avx512dq avx512bw\n\nprocessor\t: 1\n";
    private static final String AMD_AVX2 = "processor\t: 0\nvendor_id\t: AuthenticAMD\n"
            + "flags\t\t: fpu sse sse2 pni ssse3 avx avx2 fma\n";
    private static final String INTEL_AVX2 = "vendor_id\t: GenuineIntel\nflags\t\t: sse sse2 avx avx2 fma\n";
    private static final String OLD = "vendor_id\t: GenuineIntel\nflags\t\t: sse sse2 pni\n";

    private static JsonNode blas(String json) throws Exception {
        return new ObjectMapper().readTree(json);
    }

    @Test
    void coreTypeComesFromTheCpuFlags() {
        assertEquals("SkylakeX", PeerConfig.of(INTEL_AVX512, "x").coreType());
        assertTrue(PeerConfig.of(INTEL_AVX512, "x").avx512());
        assertEquals("Zen", PeerConfig.of(AMD_AVX2, "x").coreType());
        assertEquals("Haswell", PeerConfig.of(INTEL_AVX2, "x").coreType());
        assertNull(PeerConfig.of(OLD, "x").coreType(), "no AVX2: OpenBLAS's own detection is kept");
        assertTrue(!PeerConfig.of(AMD_AVX2, "x").avx512());
    }

    @Test
    void environmentSetsCoreThreadsAndMalloc() {
        var env = PeerConfig.of(AMD_AVX2, "x").environment(2);
        assertEquals("Zen", env.get("OPENBLAS_CORETYPE"));
        assertEquals("2", env.get("OPENBLAS_NUM_THREADS"));
        assertEquals("2", env.get("OMP_NUM_THREADS"));
        assertEquals("33554432", env.get("MALLOC_MMAP_THRESHOLD_"));
        assertEquals("4294967296", env.get("MALLOC_TRIM_THRESHOLD_"));
        assertTrue(!PeerConfig.of(OLD, "x").environment(1).containsKey("OPENBLAS_CORETYPE"));
    }

    @Test
    void acceptsThePeerInItsBestConfiguration() throws Exception {
        PeerConfig.of(INTEL_AVX512, "x").check(blas("{\"library\":\"openblas\",\"core\":\"SkylakeX\",\"threads\":1}"), 1);
        PeerConfig.of(AMD_AVX2, "x").check(blas("{\"library\":\"openblas\",\"core\":\"Zen\",\"threads\":2}"), 2);
    }

    @Test
    void refusesReferenceBlas() throws Exception {
        var e = assertThrows(IllegalStateException.class, () -> PeerConfig.of(AMD_AVX2, "/usr/lib/libblas.so.3")
                .check(blas("{\"library\":\"reference\",\"libraries\":[\"/usr/lib/libblas.so.3\"]}"), 1));
        assertTrue(e.getMessage().contains("reference BLAS") && e.getMessage().contains("libopenblas0-pthread"),
                e.getMessage());
    }

    @Test
    void refusesAGenericCoreOnAnAvx512Cpu() throws Exception {
        var e = assertThrows(IllegalStateException.class, () -> PeerConfig.of(INTEL_AVX512, "x")
                .check(blas("{\"library\":\"openblas\",\"core\":\"Prescott\",\"threads\":1}"), 1));
        assertTrue(e.getMessage().contains("Prescott on an AVX-512 CPU"), e.getMessage());
    }

    @Test
    void refusesACoreOtherThanTheChosenOneAndUnboundedThreads() throws Exception {
        PeerConfig amd = PeerConfig.of(AMD_AVX2, "x");
        assertThrows(IllegalStateException.class,
                () -> amd.check(blas("{\"library\":\"openblas\",\"core\":\"Prescott\",\"threads\":1}"), 1));
        var e = assertThrows(IllegalStateException.class,
                () -> amd.check(blas("{\"library\":\"openblas\",\"core\":\"Zen\",\"threads\":2}"), 1));
        assertTrue(e.getMessage().contains("used 2 threads, asked for 1"), e.getMessage());
    }

    @Test
    void mlpFlopsFollowTheHandCount() {
        // hand count: forward 2(784*256 + 256*10) = 406,528; weight gradients the same; the input
        // gradient of the second layer 2*256*10 = 5,120 (the first layer needs none)
        var arch = org.seedscope.engine.Network.parse("mlp-256").architecture(new int[] {784}, 10);
        assertEquals(2 * 406_528 + 5_120, ThroughputBench.mlpFlops(arch));
    }

    @Test
    void aModelWithoutPeerIsRefusedBeforeAnyRun() {
        var err = new java.io.StringWriter();
        var cl = Main.commandLine();
        cl.setErr(new java.io.PrintWriter(err));
        assertEquals(2, cl.execute("bench", "--model", "vgg-11", "--repeats", "1"));
        assertTrue(err.toString().contains("--model vgg-11 has no PyTorch peer in bench/pytorch_peer.py: use mlp-256, "
                + "cnn or resnet-N"), err.toString());
        assertEquals(2, cl.execute("bench", "--setups", "1x1,two"));
    }

    @Test
    void setupsParseAndRejectBadText() {
        assertEquals(new ThroughputBench.Setup(2, 1), ThroughputBench.Setup.parse("2x1"));
        for (String bad : new String[] {"2", "0x1", "ax1", "1x2x3", "1x-1"}) {
            var e = assertThrows(IllegalArgumentException.class, () -> ThroughputBench.Setup.parse(bad), bad);
            assertTrue(e.getMessage().contains("'" + bad + "' is not PROCESSESxTHREADS"), e.getMessage());
        }
    }
}
