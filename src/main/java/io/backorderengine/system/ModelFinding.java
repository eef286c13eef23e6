package io.backorderengine.system;

/**
 * Something a deployed model may not do: in which resource, at which element (its id, if it has one), and why;
 * {@code label} is the element as Modeler shows it, once known.
 */
record ModelFinding(String resource, String element, String message, String label) {

    ModelFinding(String resource, String element, String message) {
        this(resource, element, message, null);
    }
}
