package io.mtlboard.training;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDList;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.translate.NoopTranslator;
import io.mtlboard.evaluation.DeviceSelector;
import io.mtlboard.evaluation.ModelEvaluator;
import io.mtlboard.training.net.MultiTaskNet;
import io.mtlboard.training.net.OutputsBlock;
import java.util.List;

/**
 * Trained networks wrapped as a DJL model and predictor, so that {@link ModelEvaluator} evaluates
 * them exactly as it evaluates a submitted TorchScript model. Gradient recording is off while it
 * is open (libtorch's grad mode is per thread), so inference builds no autograd graph; use and
 * close it on one thread.
 */
final class TrainedModel implements AutoCloseable {

    private final Model model;
    private final Predictor<NDList, NDList> predictor;
    private final boolean gradMode;

    TrainedModel(List<MultiTaskNet> nets) {
        this.gradMode = JniUtils.isGradMode();
        JniUtils.setGradMode(false);
        this.model = Model.newInstance("reference", Device.cpu(), "PyTorch");
        model.setBlock(new OutputsBlock(nets));
        this.predictor = model.newPredictor(new NoopTranslator());
    }

    /** What the evaluator runs. */
    ModelEvaluator.Subject subject() {
        return new ModelEvaluator.Subject(model, predictor, DeviceSelector.CPU);
    }

    @Override
    public void close() {
        try {
            predictor.close();
            model.close();
        } finally {
            JniUtils.setGradMode(gradMode);
        }
    }
}
