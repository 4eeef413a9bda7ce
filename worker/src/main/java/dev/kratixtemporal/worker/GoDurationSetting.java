package dev.kratixtemporal.worker;

import dev.kratixtemporal.logic.GoDuration;
import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A setting written as a Go duration ("10h", "1m30s", "0"), as Kratix writes it. Checked at start-up because
 * workflow code parses it later ({@link GoDuration}), where a bad value could only fail workflow tasks.
 */
@Target({ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER})
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = GoDurationSetting.Check.class)
public @interface GoDurationSetting {
  String message() default "must be a Go duration such as 10h, 1m30s or 0";

  Class<?>[] groups() default {};

  Class<? extends Payload>[] payload() default {};

  final class Check implements ConstraintValidator<GoDurationSetting, String> {
    @Override
    public boolean isValid(String value, ConstraintValidatorContext context) {
      if (value == null) return true;
      try {
        GoDuration.parse(value);
        return true;
      } catch (IllegalArgumentException e) {
        return false;
      }
    }
  }
}
