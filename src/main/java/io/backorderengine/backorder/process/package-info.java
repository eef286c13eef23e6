/**
 * Camunda glue for the backorder case: the variables facade, delegates (thin {@code ${bean}} adapters
 * over the backorder module's services), listeners, and the delivery of case messages. Nothing
 * outside this package (and {@code system}) imports {@code org.camunda.*}.
 */
package io.backorderengine.backorder.process;
