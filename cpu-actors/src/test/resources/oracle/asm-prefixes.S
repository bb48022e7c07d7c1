# Prefixes written as mnemonics: segment overrides, lock, rep forms, data16.
cs nopw 0x0(%rax,%rax,1)
fs movl (%rax), %eax
fs nop
ds jmp *(%rax)
lock
lock; incl (%rax)
rep movsb
repz movsb
repnz stosb
data16 movl $1,%eax
