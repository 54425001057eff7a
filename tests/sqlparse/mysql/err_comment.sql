SELECT 1 /* never /* ends */ ;
 SELECT 2 /* open
