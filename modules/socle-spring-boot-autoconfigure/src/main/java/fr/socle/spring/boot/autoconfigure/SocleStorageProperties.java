package fr.socle.spring.boot.autoconfigure;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code socle.storage.*}: the encrypted document safe on a local directory. The block is on as
 * soon as {@code socle.storage.directory} is set; an application that keeps documents elsewhere
 * (S3) defines its own {@code ObjectStore} bean. Not thread-safe while Spring binds it; read-only
 * after.
 */
@ConfigurationProperties("socle.storage")
public class SocleStorageProperties {

  /** Directory the encrypted documents and the journal are written to. */
  private Path directory;

  /**
   * Directory of the local key-encryption keysets, one per tenant; keep it apart from the documents
   * and backed up. Replace it with a KMS by defining a KeyEncryptionKeys bean.
   */
  private Path keyDirectory;

  /** Creates the properties; Spring Boot binds them. */
  public SocleStorageProperties() {}

  /**
   * Returns the setting: directory the encrypted documents and the journal are written to.
   *
   * @return the value, or null when not set
   */
  public Path getDirectory() {
    return directory;
  }

  /**
   * Sets the setting: directory the encrypted documents and the journal are written to.
   *
   * @param directory the value
   */
  public void setDirectory(Path directory) {
    this.directory = directory;
  }

  /**
   * Returns the setting: directory of the local key-encryption keysets, one per tenant; keep it
   * apart from the documents and backed up. Replace it with a KMS by defining a KeyEncryptionKeys
   * bean.
   *
   * @return the value, or null when not set
   */
  public Path getKeyDirectory() {
    return keyDirectory;
  }

  /**
   * Sets the setting: directory of the local key-encryption keysets, one per tenant; keep it apart
   * from the documents and backed up. Replace it with a KMS by defining a KeyEncryptionKeys bean.
   *
   * @param keyDirectory the value
   */
  public void setKeyDirectory(Path keyDirectory) {
    this.keyDirectory = keyDirectory;
  }
}
