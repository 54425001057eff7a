/*!999999\- enable the sandbox mode */ 
-- MariaDB dump 10.19  Distrib 10.11.6-MariaDB, for debian-linux-gnu (x86_64)
--
-- Host: localhost    Database: shop
-- ------------------------------------------------------

/*!40101 SET @OLD_CHARACTER_SET_CLIENT=@@CHARACTER_SET_CLIENT */;
/*!40101 SET NAMES utf8mb4 */;
/*!40103 SET TIME_ZONE='+00:00' */;
/*!40014 SET @OLD_UNIQUE_CHECKS=@@UNIQUE_CHECKS, UNIQUE_CHECKS=0 */;
SET @MYSQLDUMP_TEMP_LOG_BIN = @@SESSION.SQL_LOG_BIN;
SET @@SESSION.SQL_LOG_BIN= 0;
SET @@GLOBAL.GTID_PURGED=/*!80000 '+'*/ '3e11fa47-71ca-11e1-9e33-c80aa9429562:1-5';

CREATE DATABASE /*!32312 IF NOT EXISTS*/ `shop` /*!40100 DEFAULT CHARACTER SET utf8mb4 */;
USE `shop`;

DROP TABLE IF EXISTS `orders`;
/*!40101 SET @saved_cs_client     = @@character_set_client */;
CREATE TABLE `orders` (
  `id` int(11) NOT NULL AUTO_INCREMENT,
  `customer_id` int(11) NOT NULL,
  `note` varchar(100) DEFAULT 'a; b',
  PRIMARY KEY (`id`),
  UNIQUE KEY `uq_note` (`note`),
  KEY `fk_customer` (`customer_id`),
  FULLTEXT KEY `ft_note` (`note`),
  CONSTRAINT `fk_customer` FOREIGN KEY (`customer_id`) REFERENCES `customers` (`id`) ON DELETE CASCADE
) ENGINE=InnoDB AUTO_INCREMENT=42 DEFAULT CHARSET=utf8mb4;
/*!40101 SET character_set_client = @saved_cs_client */;

LOCK TABLES `orders` WRITE;
/*!40000 ALTER TABLE `orders` DISABLE KEYS */;
INSERT INTO `orders` VALUES (1,1,'x;y'),(2,1,'it\'s');
/*!40000 ALTER TABLE `orders` ENABLE KEYS */;
UNLOCK TABLES;

DROP TABLE IF EXISTS `v_orders`;
/*!50001 DROP VIEW IF EXISTS `v_orders`*/;
SET @saved_cs_client     = @@character_set_client;
SET character_set_client = utf8mb4;
/*!50001 CREATE VIEW `v_orders` AS SELECT
 1 AS `id`,
 1 AS `note` */;
SET character_set_client = @saved_cs_client;
/*!50001 CREATE TABLE `v_old` (
  `id` tinyint NOT NULL
) ENGINE=MyISAM */;

/*!50003 SET @saved_sql_mode       = @@sql_mode */ ;
DELIMITER ;;
/*!50003 CREATE*/ /*!50017 DEFINER=`root`@`localhost`*/ /*!50003 TRIGGER `orders_bi` BEFORE INSERT ON `orders` FOR EACH ROW BEGIN
  SET NEW.note = CONCAT(NEW.note, ';');
END */;;
DELIMITER ;
/*!50003 SET sql_mode              = @saved_sql_mode */ ;

/*!50001 DROP VIEW IF EXISTS `v_orders`*/;
/*!50001 SET @saved_cs_client          = @@character_set_client */;
/*!50001 CREATE ALGORITHM=UNDEFINED */
/*!50013 DEFINER=`root`@`localhost` SQL SECURITY DEFINER */
/*!50001 VIEW `v_orders` AS select `orders`.`id` AS `id`,`orders`.`note` AS `note` from `orders` */;

DELIMITER ;;
CREATE DEFINER=`root`@`%` PROCEDURE `p_clean`(IN n INT)
BEGIN
  DELETE FROM orders WHERE id < n;
END ;;
DELIMITER ;
/*!50106 CREATE*/ /*!50117 DEFINER=`root`@`localhost`*/ /*!50106 EVENT `ev` ON SCHEDULE EVERY 1 DAY DO DELETE FROM orders */ ;
ALTER TABLE `orders` ADD CONSTRAINT `fk2` FOREIGN KEY (`customer_id`) REFERENCES `customers` (`id`);
ALTER TABLE `orders` ADD PRIMARY KEY (`id`), ADD KEY `k_note` (`note`);
ALTER TABLE `orders` ADD UNIQUE KEY `u2` (`note`);
CREATE INDEX `i3` ON `orders` (`note`);
CREATE USER 'app'@'%' IDENTIFIED BY 'secret;';
GRANT SELECT ON `shop`.* TO 'app'@'%';
CHANGE MASTER TO MASTER_LOG_FILE='x', MASTER_LOG_POS=4;
REPLACE INTO orders VALUES (3, 1, 'z');
LOAD DATA LOCAL INFILE 'f.csv' INTO TABLE `orders`;
SET @@SESSION.SQL_LOG_BIN = @MYSQLDUMP_TEMP_LOG_BIN;
