package org.seedscope.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How {@code bench --vs-pytorch} runs the PyTorch peer in its best configuration on this machine,
 * and the check that it really ran so. Debian's OpenBLAS misdetects some virtualised CPUs (an
 * AVX-512 CPU as "Prescott", SSE3: a 1024^3 sgemm at a fifth of its rate), so the core type is
 * chosen from the CPU's own flags: SkylakeX with AVX-512, Zen (AMD) or Haswell (Intel) with AVX2.
 * Naming an AVX-512 core on a CPU without AVX-512 kills the peer with an illegal instruction, so
 * the flags, not a fixed name, decide. OpenBLAS starts its own threads unless
 * {@code OPENBLAS_NUM_THREADS} is set, so it is set to the peer's thread count (with
 * {@code OMP_NUM_THREADS}). Glibc malloc is tuned as measured for PyTorch's CNNs (without it
 * about 30 % of a CNN step are page faults) and image networks train in channels_last.
 *
 * @param coreType the OpenBLAS core type the peer must run, or null when the CPU has no AVX2
 *     (OpenBLAS's own detection is then kept)
 * @param avx512 whether the CPU reports AVX-512 (avx512f)
 * @param blasAlternative the library Debian's {@code libblas.so.3} alternative points to, or
 *     {@code unknown}
 */
record PeerConfig(String coreType, boolean avx512, String blasAlternative) {
    /** OpenBLAS core types that use AVX-512 kernels. */
    static final Set<String> AVX512_CORES = Set.of("SkylakeX", "Cooperlake", "SapphireRapids");
    /** The glibc malloc tuning of the peer's best configuration. */
    static final Map<String, String> MALLOC = Map.of("MALLOC_MMAP_THRESHOLD_", "33554432",
            "MALLOC_TRIM_THRESHOLD_", "4294967296");

    /**
     * @param cpuinfo the text of {@code /proc/cpuinfo}
     * @param blasAlternative where {@code libblas.so.3} points
     * @return the configuration for that CPU
     */
    static PeerConfig of(String cpuinfo, String blasAlternative) {
        Set<String> flags = Set.of();
        String vendor = "";
        for (String line : cpuinfo.lines().toList()) {
            int colon = line.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String key = line.substring(0, colon).strip();
            String value = line.substring(colon + 1).strip();
            if (key.equals("flags") && flags.isEmpty()) {
                flags = Set.of(value.split("\\s+"));
            } else if (key.equals("vendor_id") && vendor.isEmpty()) {
                vendor = value;
            }
        }
        boolean avx512 = flags.contains("avx512f");
        String core = avx512 ? "SkylakeX" : flags.contains("avx2") ? (vendor.equals("AuthenticAMD") ? "Zen" : "Haswell")
                : null;
        return new PeerConfig(core, avx512, blasAlternative);
    }

    /**
     * @param threads the peer's threads
     * @return the variables the peer process gets on top of the inherited environment (the malloc
     *     tuning for every network: it costs nothing where it does not help)
     */
    Map<String, String> environment(int threads) {
        Map<String, String> env = new LinkedHashMap<>();
        if (coreType != null) {
            env.put("OPENBLAS_CORETYPE", coreType);
        }
        env.put("OPENBLAS_NUM_THREADS", String.valueOf(threads));
        env.put("OMP_NUM_THREADS", String.valueOf(threads));
        env.putAll(new java.util.TreeMap<>(MALLOC));
        return env;
    }

    /** @return the peer's extra arguments for a network: channels_last for image networks */
    List<String> arguments(boolean image) {
        return image ? List.of("--channels-last") : List.of();
    }

    /**
     * Refuses a peer that did not run in its best configuration.
     *
     * @param blas the peer's report of the BLAS it loaded: {@code library}, {@code core}, {@code threads}
     * @param threads the threads it was asked to use
     * @throws IllegalStateException when it used reference BLAS, a core type other than the chosen
     *     one (in particular a generic one on an AVX-512 CPU), or more BLAS threads than asked
     */
    void check(JsonNode blas, int threads) {
        String library = blas.path("library").asText("unknown");
        if (!library.equals("openblas")) {
            throw new IllegalStateException("the PyTorch peer loaded " + library + " BLAS " + blas.path("libraries")
                    + " (libblas.so.3 -> " + blasAlternative + "); a ratio against it would flatter SeedScope: install "
                    + "libopenblas0-pthread and select it with update-alternatives --config libblas.so.3-x86_64-linux-gnu");
        }
        String core = blas.path("core").asText("unknown");
        if (avx512 && !AVX512_CORES.contains(core)) {
            throw new IllegalStateException("the PyTorch peer's OpenBLAS ran core type " + core + " on an AVX-512 CPU; "
                    + "refusing a ratio against a generic kernel (expected one of " + AVX512_CORES + ")");
        }
        if (coreType != null && !core.equals(coreType)) {
            throw new IllegalStateException("the PyTorch peer's OpenBLAS ran core type " + core + ", not the "
                    + coreType + " it was given through OPENBLAS_CORETYPE");
        }
        int used = blas.path("threads").asInt(-1);
        if (used != threads) {
            throw new IllegalStateException("the PyTorch peer's OpenBLAS used " + used + " threads, asked for " + threads);
        }
    }
}
