/**
 * ONNX interoperability: {@link org.seedscope.onnx.OnnxExport} writes SeedScope MLPs, linear
 * classifiers and Tribuo models as standard ONNX inference files (input {@code x}
 * {@code [batch, features]}; SeedScope graphs at opset 17 with outputs {@code logits},
 * {@code probs}, {@code penultimate}; Tribuo's graphs at opset 13 with output {@code probs}), and
 * {@link org.seedscope.onnx.OnnxClassifier} runs an external ONNX classifier for inference-only
 * metrics after validating its input and output shapes. {@link org.seedscope.onnx.OnnxModel} imports
 * a user's network (e.g. a PyTorch export) so the engine trains, unlearns and evaluates it across
 * seeds, optionally with originals trained elsewhere, and {@link org.seedscope.onnx.OnnxExport#network}
 * writes it back in the user's own form.
 */
package org.seedscope.onnx;
