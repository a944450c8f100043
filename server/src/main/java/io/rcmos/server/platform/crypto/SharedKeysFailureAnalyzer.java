package io.rcmos.server.platform.crypto;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Says plainly, at the end of a refused start, which shared keys a split process is missing and what to do. */
public class SharedKeysFailureAnalyzer extends AbstractFailureAnalyzer<SharedKeys.Missing> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, SharedKeys.Missing cause) {
        return new FailureAnalysis(cause.getMessage(),
                "Set " + String.join(", ", cause.variables()) + " in every API and worker process (the same values everywhere), "
                        + "or give every process the same RCM_HOME/keys.", cause);
    }
}
