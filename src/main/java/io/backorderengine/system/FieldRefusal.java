package io.backorderengine.system;

import java.util.List;

/** A refusal of a request's values that names each field at fault, for the problem+json {@code errors}. */
interface FieldRefusal {

    List<Problems.FieldError> errors();

    String getMessage();
}
