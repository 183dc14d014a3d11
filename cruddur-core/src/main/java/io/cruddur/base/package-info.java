/** What every package may use: the root exception, ARNs, digests, canonical JSON and the tag limits. */
package io.cruddur.base;
