package io.cruddur.resource;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * On a component of a state record: a setting Cruddur uses when it writes or deletes the resource but that is not
 * part of what the cloud reports back (a security group's description, which EC2 cannot change; whether a
 * repository may be deleted with its images). It is never compared and never shown in plans.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.RECORD_COMPONENT)
public @interface WriteOnly {}
