package io.backorderengine.backorder.internal;

/** The events a running case reacts to; each is a BPMN message of the same name. */
public enum CaseMessage {
    STOCK_ALLOCATED("StockAllocated"),
    STOCK_PARTLY_ALLOCATED("StockPartlyAllocated"),
    WAIT_CHOSEN("WaitChosen"),
    ALTERNATIVE_CHOSEN("AlternativeChosen"),
    CANCELLATION_REQUESTED("CancellationRequested"),
    SUPPLIER_DATE_CHANGED("SupplierDateChanged"),
    AGENT_CONTACT_NEEDED("AgentContactNeeded");

    private final String messageName;

    CaseMessage(String messageName) {
        this.messageName = messageName;
    }

    public String messageName() {
        return messageName;
    }
}
