-- The demo's example schema: a small shop.
CREATE DATABASE IF NOT EXISTS shop;
USE shop;
DROP TABLE IF EXISTS products;
DROP TABLE IF EXISTS categories;
CREATE TABLE categories (
  id    INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  slug  VARCHAR(64)  NOT NULL UNIQUE,
  name  VARCHAR(255) NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
CREATE TABLE products (
  id            BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  sku           VARCHAR(64)   NOT NULL UNIQUE,
  title         VARCHAR(255)  NOT NULL,
  price         DECIMAL(10,2) NOT NULL,
  category_id   INT UNSIGNED  NULL,
  internal_note TEXT          NULL,
  updated_at    DATETIME(6)   NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
-- The replication account with only what binlog-sync needs (README, docs/security.md "Grants"): the binlog dump,
-- the binlog position, and SELECT on the two mapped tables. No RELOAD: MariaDB's snapshots need no lock.
CREATE USER IF NOT EXISTS 'sync'@'%' IDENTIFIED BY 'sync-pass';
GRANT REPLICATION SLAVE, REPLICATION CLIENT ON *.* TO 'sync'@'%';
GRANT SELECT ON shop.categories TO 'sync'@'%';
GRANT SELECT ON shop.products TO 'sync'@'%';
