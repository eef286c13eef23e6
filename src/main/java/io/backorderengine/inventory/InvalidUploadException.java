package io.backorderengine.inventory;

import io.backorderengine.system.ProblemException;

/** A catalog upload refused as a whole (too many items); nothing of it was applied. */
class InvalidUploadException extends ProblemException {

    InvalidUploadException(String message) {
        super("items", message);
    }
}
