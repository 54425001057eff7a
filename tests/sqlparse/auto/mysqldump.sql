-- MySQL dump 10.13
/*!40101 SET NAMES utf8 */;
CREATE TABLE `t` (id int) ENGINE=InnoDB;
