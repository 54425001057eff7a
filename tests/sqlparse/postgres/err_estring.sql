SELECT E'a\';
