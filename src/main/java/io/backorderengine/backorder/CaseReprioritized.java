package io.backorderengine.backorder;

/** A supervisor changed a case's priority and it moved in its SKU's waiting line. */
public record CaseReprioritized(String caseId, String sku, int priority) {}
