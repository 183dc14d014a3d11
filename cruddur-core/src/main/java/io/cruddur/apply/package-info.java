/**
 * Applying plans: {@link io.cruddur.apply.Executor} runs a plan's DAG in parallel with retries and waits, reports
 * {@link io.cruddur.apply.ApplyEvent}s and ends in a typed {@link io.cruddur.apply.Outcome}.
 */
package io.cruddur.apply;
