package dev.kratixtemporal.worker;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.Base64;

/**
 * kratix.secrets.key: empty (a key file is made), or standard base64 of the 32 bytes of an AES-256 key. The value is
 * a {@link KratixProperties.SecretKey}, whose toString hides it, so that a start-up failure does not print a secret.
 */
@Target({ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER})
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = AesKeySetting.Check.class)
public @interface AesKeySetting {
  String message() default "must be standard base64 of 32 bytes (openssl rand -base64 32), or empty";

  Class<?>[] groups() default {};

  Class<? extends Payload>[] payload() default {};

  final class Check implements ConstraintValidator<AesKeySetting, KratixProperties.SecretKey> {
    @Override
    public boolean isValid(KratixProperties.SecretKey value, ConstraintValidatorContext context) {
      if (value == null || value.base64() == null || value.base64().isBlank()) return true;
      try {
        return Base64.getDecoder().decode(value.base64().trim()).length == 32;
      } catch (IllegalArgumentException e) {
        return false;
      }
    }
  }
}
