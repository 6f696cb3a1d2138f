package org.seedscope.unlearn;

import org.junit.jupiter.api.Test;
import org.seedscope.engine.Model;

class ScratchTest {
    @Test
    void measure() {
        try (Fixture f = new Fixture()) {
            System.out.printf("original: test %.3f retain %.3f forget %.3f%n", f.accuracy(f.original, f.test),
                    f.accuracy(f.original, f.testRetain), f.accuracy(f.original, f.testForget));
            for (UnlearningMethod m : new UnlearningMethod[] {new NegGrad(1, 0.01, 32), new NegGrad(2, 0.01, 32), new NegGrad(1, 0.03, 32), new BadTeacher(0.3, 1, 0.003, 32), new BadTeacher(0.3, 1, 0.01, 128),
  new NegGradPlus(0.99, 1, 0.01, 32), new Scrub(5, 2, 1.0, 0.005, 128, 32), new Scrub(5, 2, 1.0, 0.005, 128, 8), new SalUn(0.5, 3, 0.01, 128)}) {
                for (long seed = 1; seed <= 3; seed++) {
                long t0 = System.nanoTime();
                Model u = m.unlearn(f.original, f.context(seed));
                System.out.printf("%-14s %-70s retain %.3f forget %.3f  %.2fs%n", m.name(), m.hyperparameters(),
                        f.accuracy(u, f.testRetain), f.accuracy(u, f.testForget), (System.nanoTime() - t0) / 1e9);
                }
            }
        }
    }
}
