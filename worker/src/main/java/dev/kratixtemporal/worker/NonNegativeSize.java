package dev.kratixtemporal.worker;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.util.unit.DataSize;

/** A size setting ("512MB") that is zero (the default) or more; Jakarta's @PositiveOrZero knows numbers only. */
@Target({ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER})
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = NonNegativeSize.Check.class)
public @interface NonNegativeSize {
  String message() default "must not be negative";

  Class<?>[] groups() default {};

  Class<? extends Payload>[] payload() default {};

  final class Check implements ConstraintValidator<NonNegativeSize, DataSize> {
    @Override
    public boolean isValid(DataSize value, ConstraintValidatorContext context) {
      return value == null || !value.isNegative();
    }
  }
}
