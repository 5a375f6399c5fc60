package org.bookworm.ordering.core.common;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks what a service publishes to the other services (ADR 0027): its events and messages and the value records they
 * carry. A service package (ordering, basket, finance, notification) may use from another one only the types so
 * marked (and what they nest) and that service's ports (interfaces that are not sealed): never its deciders, states,
 * commands or service implementations. ArchitectureTest checks it.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface Published {}
