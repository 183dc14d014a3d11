/**
 * Secret values into SSM Parameter Store: {@link io.cruddur.secrets.EnvFile} reads a {@code .env} file and
 * {@link io.cruddur.secrets.SecretsPush} writes the variables a stack declares as secrets to their SecureStrings.
 * No value ever appears in an output, an exception or a {@code toString()}.
 */
package io.cruddur.secrets;
