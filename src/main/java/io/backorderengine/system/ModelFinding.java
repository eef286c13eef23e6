package io.backorderengine.system;

/** Something a deployed model may not do: in which resource, at which element (its id, if it has one), and why. */
record ModelFinding(String resource, String element, String message) {}
