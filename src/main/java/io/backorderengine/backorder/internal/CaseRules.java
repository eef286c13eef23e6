package io.backorderengine.backorder.internal;

/**
 * The analysts' policy tables that code outside the process consults, implemented in {@code process/}
 * so that nothing here depends on Camunda.
 */
public interface CaseRules {

    /**
     * Whether a customer hears about a new expected date (the table {@code date-change-policy}).
     *
     * @param daysMoved days from the date the customer was last told: positive when later
     */
    boolean dateChangeWorthAnEmail(String customerTier, long daysMoved);
}
