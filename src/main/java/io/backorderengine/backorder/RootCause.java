package io.backorderengine.backorder;

/**
 * Why a case ended badly (cancelled, or shipped after its first promised date); stored by name in
 * {@code backorder_case.root_cause}. The first four are derived from the case's facts when it closes
 * ({@code internal.RootCauses}); an agent who cancels names one.
 */
public enum RootCause {
    /** The purchase order the case was promised from came later than the supplier first said. */
    SUPPLIER_SLIP,
    /** Nothing was on order for the case: its date came from the lead time and no purchase order followed. */
    NO_SUPPLY_ORDERED,
    /** The SKU's backorder cap was reached: part of the line could not wait at all. */
    CAP_REACHED,
    /** A stock count found the stock figure wrong while the case waited. */
    DATA_ERROR,
    /** The customer changed their mind, for reasons of their own. */
    CUSTOMER_CHOICE,
    /** Something else; the close reason says what. */
    OTHER
}
