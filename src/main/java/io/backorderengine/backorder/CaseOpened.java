package io.backorderengine.backorder;

/** A case was opened; published inside the opening transaction. */
public record CaseOpened(String caseId, String sku, int quantityShort) {}
