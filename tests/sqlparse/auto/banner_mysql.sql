/*******************************
   Library schema
********************************/
CREATE TABLE `book` (
  `id` INT NOT NULL,
  `title` NVARCHAR(100) NOT NULL,
  CONSTRAINT `pk_book` PRIMARY KEY (`id`)
);
INSERT INTO `book` VALUES (1, N'Don\'t; panic');
