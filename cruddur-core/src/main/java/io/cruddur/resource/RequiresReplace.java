package io.cruddur.resource;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * On a component of a state record: a change of this attribute cannot be made in place, so the planner replaces
 * the resource (a plan modifier, as in the Terraform Plugin Framework).
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.RECORD_COMPONENT)
public @interface RequiresReplace {}
