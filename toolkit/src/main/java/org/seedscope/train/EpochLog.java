package org.seedscope.train;

/**
 * One epoch of a training log.
 *
 * @param epoch zero-based epoch
 * @param learningRate the rate used in the epoch
 * @param loss mean batch loss over the epoch
 * @param accuracy fraction of training rows whose argmax logit matched their label during the epoch
 *     (before each step's update)
 * @param seconds wall-clock time of the epoch
 */
public record EpochLog(int epoch, double learningRate, double loss, double accuracy, double seconds) {
    @Override
    public String toString() {
        return String.format("epoch %d  lr %.4g  loss %.4f  acc %.4f  %.2f s", epoch + 1, learningRate, loss, accuracy,
                seconds);
    }
}
