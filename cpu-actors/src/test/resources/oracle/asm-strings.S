# String instructions in the explicit-operand spelling objdump prints.
rep stos %al,%es:(%rdi)
movsb %ds:(%rsi),%es:(%rdi)
movsq (%rsi),(%rdi)
stosq %rax,(%rdi)
stos %eax,%es:(%rdi)
rep movsl %fs:(%rsi),%es:(%rdi)
movsw %ds:(%rsi),%es:(%rdi)
stos %ax,%es:(%rdi)
