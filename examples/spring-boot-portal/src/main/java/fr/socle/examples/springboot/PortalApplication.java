package fr.socle.examples.springboot;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A municipal portal on Spring Boot: FranceConnect login, PayFiP payment of an invoice, deposit of
 * a supporting document in the encrypted safe, commune search. Every Socle object comes from the
 * starter and {@code application.yml}.
 */
@SpringBootApplication
public class PortalApplication {

  /**
   * Starts the portal.
   *
   * @param args Spring Boot arguments
   */
  public static void main(String[] args) {
    SpringApplication.run(PortalApplication.class, args);
  }
}
