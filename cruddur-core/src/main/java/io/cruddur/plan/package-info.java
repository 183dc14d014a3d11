/**
 * Plans: {@link io.cruddur.plan.Planner} reads the cloud through the read ports only and diffs each resource's
 * state record with the desired one; a {@link io.cruddur.plan.Plan} is a DAG of {@link io.cruddur.plan.Step}s that
 * renders as text or JSON before anything changes.
 */
package io.cruddur.plan;
