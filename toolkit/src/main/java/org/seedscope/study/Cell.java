package org.seedscope.study;

/**
 * One planned run: a method applied to one forget scenario under one (training seed, unlearning
 * seed, evaluation seed) of one protocol.
 *
 * @param index position in the plan (result tables are sorted by it)
 * @param protocol the protocol the cell belongs to
 * @param scenario forget spec id, e.g. {@code full:Shirt}
 * @param method method id
 * @param i one-based training-seed index
 * @param j one-based unlearning-seed index
 * @param trainSeed s_t
 * @param unlearnSeed s_u
 * @param evalSeed s_e (seeds the MIA's sampling and ZRF's random model)
 */
public record Cell(int index, Protocol protocol, String scenario, String method, int i, int j, long trainSeed,
        long unlearnSeed, long evalSeed) {

    /** @return a key unique within a study: protocol, scenario, method and seeds */
    public String key() {
        return protocol.id() + "|" + scenario + "|" + method + "|" + trainSeed + "|" + unlearnSeed + "|" + evalSeed;
    }
}
