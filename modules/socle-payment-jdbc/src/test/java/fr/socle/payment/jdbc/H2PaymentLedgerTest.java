package fr.socle.payment.jdbc;

import javax.sql.DataSource;

class H2PaymentLedgerTest extends JdbcPaymentLedgerContract {
  @Override
  DataSource newDatabase() {
    return Databases.freshH2();
  }
}
