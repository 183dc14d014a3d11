package io.cruddur.spec;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.immutables.value.Value;

/**
 * The one Immutables style for specs: hidden implementations, depluralized collection adders
 * ({@code addService}), and {@link InvalidSpecException} for missing required attributes.
 */
@Target({ElementType.PACKAGE, ElementType.TYPE})
@Retention(RetentionPolicy.CLASS)
@Value.Style(
    visibility = Value.Style.ImplementationVisibility.PACKAGE,
    overshadowImplementation = true,
    depluralize = true,
    depluralizeDictionary = {"alias:aliases", "subjectAlternativeName:subjectAlternativeNames"},
    throwForInvalidImmutableState = InvalidSpecException.class,
    // No null checks in the generated setters: a null would escape from the user's own call as a bare
    // NullPointerException. Nulls and missing attributes are reported by Nulls, with every other problem.
    validationMethod = Value.Style.ValidationMethod.NONE,
    // A null given for an optional attribute means absent (rather than a NullPointerException in the setter).
    optionalAcceptNullable = true,
    defaults = @Value.Immutable(copy = true))
@interface SpecStyle {}
