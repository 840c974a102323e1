package fr.socle.storage.spi;

/** Object-lock retention mode, as S3 Object Lock defines it. */
public enum RetentionMode {
  /** Privileged users of the store may shorten or remove the retention. For internal policies. */
  GOVERNANCE,
  /** Nobody, not even the store's administrator, may delete before the date. For legal periods. */
  COMPLIANCE
}
