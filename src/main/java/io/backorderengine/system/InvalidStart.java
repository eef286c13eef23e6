package io.backorderengine.system;

import java.util.List;

/** A process start refused before anything was written (see {@link StartGuard}). */
public class InvalidStart extends EngineRefusal {

    InvalidStart(List<Problems.FieldError> errors) {
        super("the start", errors);
    }
}
