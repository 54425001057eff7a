SELECT 'never ends\';
