/**
 * The backorder case: one per backordered order line, run by the BPMN process {@code backorder}.
 * Top-level public types are the module's API ({@link io.backorderengine.backorder.BackorderCases} for
 * other modules; the smaller services for the process glue in {@code process/}). {@code web/} is the
 * REST surface; {@code process/} holds everything that touches Camunda.
 */
package io.backorderengine.backorder;
